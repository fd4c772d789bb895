// A tiny JSON tokenizer for colouring policy text (stack.md §6). Text it does not recognise is kept
// as 'plain', so joining the tokens always gives back the input, even for half-edited JSON.

export type JsonTokenType = 'key' | 'string' | 'number' | 'boolean' | 'null' | 'punctuation' | 'plain';

export interface JsonToken {
  type: JsonTokenType;
  text: string;
}

const TOKEN =
  /("(?:\\.|[^"\\\n])*")(\s*)(:)?|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|\b(true|false)\b|\b(null)\b|([{}[\],:])/g;

export function tokenizeJson(text: string): JsonToken[] {
  const tokens: JsonToken[] = [];
  const push = (type: JsonTokenType, part: string) => {
    if (part.length > 0) tokens.push({type, text: part});
  };
  let last = 0;
  for (const m of text.matchAll(TOKEN)) {
    const index = m.index;
    push('plain', text.slice(last, index));
    const [whole, str, space = '', colon, num, bool, nul, punct] = m;
    if (str !== undefined) {
      push(colon ? 'key' : 'string', str);
      push('plain', space);
      if (colon) push('punctuation', colon);
    } else if (num !== undefined) push('number', num);
    else if (bool !== undefined) push('boolean', bool);
    else if (nul !== undefined) push('null', nul);
    else if (punct !== undefined) push('punctuation', punct);
    last = index + whole.length;
  }
  push('plain', text.slice(last));
  return tokens;
}
