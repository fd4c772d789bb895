// Who am I: STS GetCallerIdentity, asked once per gateway. A failed answer is not cached, so
// refreshing credentials (e.g. `aws sso login` in another pane) and retrying works.
import {GetCallerIdentityCommand, type STSClient} from '@aws-sdk/client-sts';
import {IncompleteAnswerError} from './errors.js';
import type {Identity} from './types.js';

export function cachedIdentity(
  sts: STSClient,
  toError: (error: unknown) => Error,
  signal?: AbortSignal,
): () => Promise<Identity> {
  let pending: Promise<Identity> | undefined;
  const ask = async (): Promise<Identity> => {
    try {
      const answer = await sts.send(new GetCallerIdentityCommand({}), signal ? {abortSignal: signal} : {});
      if (!answer.Account || !answer.Arn)
        throw new IncompleteAnswerError('an answer without an account or ARN');
      return {account: answer.Account, arn: answer.Arn, ...(answer.UserId ? {userId: answer.UserId} : {})};
    } catch (error) {
      pending = undefined;
      if (signal?.aborted) throw error;
      throw toError(error);
    }
  };
  return () => (pending ??= ask());
}
