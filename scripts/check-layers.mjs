// Enforces the architecture's one-way arrows (see README "Code layout"):
// policy imports nothing of ours and no I/O; ui never imports the AWS SDK; sandbox stands apart.
import {readdirSync, readFileSync, statSync} from 'node:fs';
import {join} from 'node:path';

const rules = {
  policy: {
    ours: [],
    banned: [/^ink/, /^react/, /^@aws-sdk\//, /^node:(fs|http|https|net|child_process)/, /^conf$/],
  },
  // ui may reach one file inside Ink: its reconciler, which Ink does not export (ui/keyInput.tsx).
  ui: {
    ours: ['ui', 'policy', 'aws/types', 'store/types', 'node_modules/ink/build/reconciler.js'],
    banned: [/^@aws-sdk\//],
  },
  sandbox: {ours: ['sandbox', 'policy'], banned: [/^ink/, /^react/]},
  aws: {ours: ['aws', 'policy', 'store'], banned: [/^ink/, /^react/]},
  store: {ours: ['store', 'policy'], banned: [/^ink/, /^react/, /^@aws-sdk\//]},
};

function files(dir) {
  return readdirSync(dir).flatMap(n => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : /\.tsx?$/.test(n) ? [p] : [];
  });
}

const problems = [];
for (const [layer, rule] of Object.entries(rules)) {
  let list = [];
  try {
    list = files(join('source', layer));
  } catch {
    continue;
  }
  for (const file of list) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)) {
      const spec = m[1];
      if (spec.startsWith('.')) {
        const target = join(file, '..', spec).replace(/\\/g, '/');
        const rel = target.replace(/^source\//, '');
        const top = rel.split('/')[0];
        if (top === layer) continue;
        const allowed = rule.ours.some(o => rel === o || rel.startsWith(o + '/') || rel.startsWith(o + '.'));
        if (!allowed) problems.push(`${file}: ${layer} must not import ${spec}`);
      } else if (rule.banned.some(b => b.test(spec))) {
        problems.push(`${file}: ${layer} must not import ${spec}`);
      }
    }
  }
}
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log('layers ok');
