// Is this a Region name, or a typo of one? Every Region has the shape eu-west-1; a name of that
// shape one or two letters away from a known Region (eu-wst-1, us-esat-1) is taken for a typo and
// refused with the Region it is close to. A name far from every known one is accepted: AWS opens
// new Regions, and this list (AWS SDK for JavaScript v3.1164 partitions) cannot know them all.

export const KNOWN_REGIONS: readonly string[] = [
  'af-south-1', 'ap-east-1', 'ap-east-2', 'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3',
  'ap-south-1', 'ap-south-2', 'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-3', 'ap-southeast-4',
  'ap-southeast-5', 'ap-southeast-6', 'ap-southeast-7', 'ca-central-1', 'ca-west-1', 'cn-north-1',
  'cn-northwest-1', 'eu-central-1', 'eu-central-2', 'eu-isoe-west-1', 'eu-north-1', 'eu-south-1',
  'eu-south-2', 'eu-west-1', 'eu-west-2', 'eu-west-3', 'eusc-de-east-1', 'il-central-1', 'me-central-1',
  'me-south-1', 'me-west-1', 'mx-central-1', 'sa-east-1', 'sa-west-1', 'us-east-1', 'us-east-2',
  'us-gov-east-1', 'us-gov-west-1', 'us-iso-east-1', 'us-iso-west-1', 'us-isob-east-1', 'us-isob-west-1',
  'us-isof-east-1', 'us-isof-south-1', 'us-west-1', 'us-west-2',
]; // prettier-ignore

/** Every AWS Region name has this shape: eu-west-1, us-gov-west-1, us-isob-east-1, eusc-de-east-1. */
const REGION = /^[a-z]{2,4}(-[a-z]+)+-\d+$/;
/** The same parts without the dashes, to recognise "euwest1" or "EU_WEST_1". */
const LOOSE_REGION = /^([a-z]{2})[-_ ]?(gov|iso[a-z]?)?[-_ ]?([a-z]+?)[-_ ]?(\d)$/;

function distance(a: string, b: string): number {
  const row = Array.from({length: b.length + 1}, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

/** The known Region `name` is most likely a typo of, if one is close enough. */
export function closestRegion(name: string): string | undefined {
  const lower = name.toLowerCase();
  const loose = LOOSE_REGION.exec(lower);
  const candidates = [
    lower,
    ...(loose ? [[loose[1], loose[2], loose[3], loose[4]].filter(Boolean).join('-')] : []),
  ];
  let best: {region: string; d: number} | undefined;
  for (const region of KNOWN_REGIONS) {
    for (const c of candidates) {
      const d = distance(c, region);
      if (d <= 2 && (!best || d < best.d)) best = {region, d};
    }
  }
  return best?.region;
}

/** Why `region` is not a Region name (with the likely intended one), or undefined when it is one. */
export function regionProblem(region: string): string | undefined {
  if (KNOWN_REGIONS.includes(region)) return undefined;
  if (region === '') return 'Type a Region, for example eu-west-1.';
  const shown = `"${region.length > 40 ? `${region.slice(0, 39)}…` : region}"`;
  const guess = closestRegion(region);
  if (guess) return `${shown} is not a Region name. Did you mean ${guess}?`;
  if (REGION.test(region)) return undefined; // a Region newer than this list
  return `${shown} is not a Region name: Regions look like eu-west-1 or us-gov-west-1 (lower case, with dashes).`;
}
