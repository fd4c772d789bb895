// Who a grant names, in words: IAM users and roles by name (or by what IAM knows of them),
// AWS services by their product name — including the EC2 infrastructure sessions that EBS
// volume grants go to and service-linked roles — and deleted principals by their unique id.
import {parsePrincipal} from './principal.js';
import type {PrincipalRef} from './types.js';

const SERVICES: Readonly<Record<string, string>> = {
  ec2: 'Amazon EC2',
  ebs: 'Amazon EBS',
  rds: 'Amazon RDS',
  s3: 'Amazon S3',
  lambda: 'AWS Lambda',
  secretsmanager: 'AWS Secrets Manager',
  logs: 'CloudWatch Logs',
  cloudtrail: 'AWS CloudTrail',
  dynamodb: 'Amazon DynamoDB',
  redshift: 'Amazon Redshift',
  elasticfilesystem: 'Amazon EFS',
  autoscaling: 'EC2 Auto Scaling',
  sns: 'Amazon SNS',
  sqs: 'Amazon SQS',
  backup: 'AWS Backup',
  ssm: 'Systems Manager',
  workspaces: 'Amazon WorkSpaces',
  es: 'OpenSearch Service',
};

const EC2_INFRA = /^arn:aws[a-z-]*:sts::(\d{12}):assumed-role\/aws:ec2-infrastructure\/(i-[0-9a-f]+)$/;
const LINKED = /^arn:aws[a-z-]*:iam::(\d{12}):role\/aws-service-role\/([a-z0-9.-]+)\.amazonaws\.com\/(.+)$/;
const SERVICE = /^([a-z0-9-]+)(?:\.[a-z0-9-]+)*\.amazonaws\.com(\.cn)?$/;

export interface GrantPrincipal {
  value: string;
  /** "role/Batch", "Amazon EBS (instance i-0a…)", "deleted role AROA…", "role/Partner in account 4444…". */
  name: string;
  kind: PrincipalRef['kind'];
  accountId?: string;
  /** Another account than the key's. */
  external: boolean;
  /** An AWS service or a session AWS runs for one: the service manages it. */
  awsService: boolean;
}

const serviceName = (id: string): string => SERVICES[id] ?? `${id}.amazonaws.com`;

/** `known`: the name IAM gives the principal (issue 13's lookup), when keypol has one. */
export function grantPrincipal(value: string, keyAccountId: string, known?: string): GrantPrincipal {
  const infra = EC2_INFRA.exec(value);
  if (infra) {
    const [, account = '', instance = ''] = infra;
    return {
      value,
      name: `Amazon EBS/EC2 for instance ${instance}`,
      kind: 'assumed-role',
      accountId: account,
      external: account !== keyAccountId,
      awsService: true,
    };
  }
  const service = SERVICE.exec(value);
  if (service) {
    return {
      value,
      name: serviceName(service[1] ?? value),
      kind: 'service',
      external: false,
      awsService: true,
    };
  }
  const ref = parsePrincipal(value, keyAccountId);
  const linked = LINKED.exec(value);
  const base = linked
    ? `${serviceName((linked[2] ?? '').split('.')[0] ?? '')} service-linked role`
    : (known ?? ref.name);
  return {
    value,
    name: ref.external && ref.kind !== 'account' ? `${base} in account ${ref.accountId}` : base,
    kind: ref.kind,
    ...(ref.accountId ? {accountId: ref.accountId} : {}),
    external: ref.external,
    awsService: linked !== null,
  };
}
