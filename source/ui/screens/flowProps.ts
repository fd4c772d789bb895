// What the detail screen hands each change flow (upgrade walkthrough, access wizard).
import type {ChangeReason, KeyDetails, PolicySnapshot} from '../../aws/types.js';
import type {PolicyModel} from '../hooks/usePolicy.js';
import type {ProposedChange} from '../hooks/useProposedChange.js';

export interface FlowProps {
  keyDetails: KeyDetails;
  /** The policy as the operator sees it now; the flow plans its change against this snapshot. */
  model: PolicyModel;
  propose: (before: PolicySnapshot, afterText: string, reason: ChangeReason) => ProposedChange;
  /** A write was verified: the detail screen shows `after` (the policy as KMS now returns it). */
  onWritten: (after: PolicySnapshot) => void;
  /** The flow is finished or cancelled. */
  onClose: () => void;
  width: number;
  height: number;
}
