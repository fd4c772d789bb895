// Step 2 of the access wizard for an addition: enter or paste the principal, validated as it is
// typed. The verdict is the domain's (applyAccessEdit: IAM groups refused with the seed's reason,
// malformed ARNs, duplicates); this step shows it, names the principal, and adds the
// cross-account note when the principal belongs to another account.
import React from 'react';
import {Box, Text} from 'ink';
import type {AccessRole, EditResult} from '../../../policy/types.js';
import {parsePrincipal, sanitizeText} from '../../../policy/index.js';
import {LineRows, paragraph, type Line} from '../../components/LineView.js';
import {TextInput} from '../../components/TextInput.js';
import {useTheme} from '../../context.js';
import type {Theme} from '../../theme.js';

export function crossAccountNote(accountId: string, width: number, theme: Theme): Line[] {
  return paragraph(
    `ℹ Account ${accountId} is another AWS account. The key policy alone does not give its users or roles access: ` +
      'an administrator of that account must also allow them through IAM policies there.',
    width,
    {color: theme.accent},
    2,
  );
}

export interface PrincipalVerdict {
  /** The edit applied to the current policy, or why it cannot be. */
  result: EditResult;
  /** The other account the principal belongs to, for the cross-account note. */
  externalAccount?: string;
  description: string;
}

/** `result` is the domain's applyAccessEdit for `value`; this adds the name and the other account. */
export function principalVerdict(value: string, keyAccountId: string, result: EditResult): PrincipalVerdict {
  const ref = parsePrincipal(value, keyAccountId);
  return {
    result,
    description: `${sanitizeText(ref.name)} (${ref.kind})`,
    ...(ref.external && ref.accountId ? {externalAccount: ref.accountId} : {}),
  };
}

// The examples are shapes, not principals: a real-looking name could be taken for a suggestion.
const PROMPTS: Record<AccessRole, {question: string; example: string}> = {
  administrator: {
    question: 'Enter or paste the ARN of the IAM user or role',
    example: 'arn:aws:iam::111122223333:role/NAME',
  },
  user: {
    question: 'Enter or paste the ARN of the IAM user or role',
    example: 'arn:aws:iam::111122223333:role/NAME',
  },
  account: {question: 'Enter the 12-digit id of the other AWS account', example: '123456789012'},
};

/** What Enter on an empty field says. */
export function emptyFieldHint(role: AccessRole): string {
  return role === 'account'
    ? 'Type the 12-digit id of the other AWS account first.'
    : 'Type or paste the ARN of an IAM user or role first, e.g. arn:aws:iam::111122223333:role/NAME.';
}

export interface PrincipalStepProps {
  role: AccessRole;
  value: string;
  onChange: (value: string) => void;
  onSubmit: (value: string) => void;
  verdict?: PrincipalVerdict | undefined;
  /** A hint after Enter on an empty field. */
  nudge?: string | undefined;
  width: number;
}

/** The verdict as lines: ✔ and the name, or ✖ and why; the cross-account note when it applies. */
export function verdictLines(verdict: PrincipalVerdict, width: number, theme: Theme): Line[] {
  const lines: Line[] = [];
  if (verdict.result.ok) lines.push([{text: `✔ ${verdict.description}`, color: theme.success}]);
  else lines.push(...paragraph(`✖ ${sanitizeText(verdict.result.reason)}`, width, {color: theme.danger}, 2));
  if (verdict.externalAccount) lines.push(...crossAccountNote(verdict.externalAccount, width, theme));
  return lines;
}

export function PrincipalStep({role, value, onChange, onSubmit, verdict, nudge, width}: PrincipalStepProps) {
  const theme = useTheme();
  const {question, example} = PROMPTS[role];
  const lines: Line[] = nudge ? paragraph(nudge, width, {color: theme.warning}, 2) : [];
  if (verdict && value.trim()) lines.push(...verdictLines(verdict, width, theme));
  return (
    <Box flexDirection="column" width={width}>
      <Text bold>{question}:</Text>
      <Box>
        <Text color={theme.accent}>› </Text>
        <TextInput
          value={value}
          onChange={onChange}
          onSubmit={onSubmit}
          placeholder={example}
          width={Math.max(10, width - 2)}
        />
      </Box>
      <Text> </Text>
      <LineRows lines={lines} />
    </Box>
  );
}
