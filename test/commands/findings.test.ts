import {test} from 'node:test';
import assert from 'node:assert/strict';
import {findingLines} from '../../source/commands/findings.js';

test('a finding names its statement once: not again when the message already quotes it', () => {
  const [quoted, bare] = findingLines([
    {
      severity: 'info',
      code: 'admin-can-delete',
      message: '"Admins" lets its principals delete.',
      sid: 'Admins',
    },
    {severity: 'error', code: 'resource', message: 'Resource must be "*".', sid: 'Custom', line: 12},
  ]);
  assert.equal(quoted, '  info     admin-can-delete: "Admins" lets its principals delete.');
  assert.equal(bare, '  error    resource: Resource must be "*". (Sid "Custom", line 12)');
});
