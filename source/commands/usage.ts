// The top-level help text and version. Each subcommand's own help lives beside its code.
import packageJson from '../../package.json' with {type: 'json'};

export const VERSION: string = packageJson.version;

// Set by the bundler (scripts/bundle-options.mjs); absent when keypol runs from source (tsx, tests).
declare const KEYPOL_BUILD: {kind: string; commit: string} | undefined;

/** `keypol --version`: the version, how this copy was built and the Node.js it runs on. */
export function versionText(): string {
  const build = typeof KEYPOL_BUILD === 'undefined' ? {kind: 'source', commit: 'unknown'} : KEYPOL_BUILD;
  const kind = build.kind === 'executable' ? `executable ${process.platform}-${process.arch}` : build.kind;
  return `keypol ${VERSION} (${kind}, Node.js ${process.version}, commit ${build.commit})`;
}

export const USAGE = `keypol ${VERSION} — AWS KMS key policies in your terminal

Usage:
  keypol [GLOBAL FLAGS]                 open the TUI (needs a terminal)
  keypol COMMAND [ARGS] [GLOBAL FLAGS]  run one command and exit

Commands (KEY = key id, key ARN, alias name or alias ARN):
  list                          keys with aliases, state, spec, usage, manager, description
  show KEY                      policy, classification, access, findings, explanation
  get KEY [--output FILE]       the raw policy text
  diff KEY FILE                 semantic diff between the live policy and FILE
  put KEY FILE                  validate, preview and write FILE as the key policy
  upgrade KEY [--allow-delete | --no-allow-delete]
                                upgrade a console default policy to the current version
  grant-access KEY (--admin ARN | --user ARN | --account ID)... [--remove]
                                add or remove administrators, users, other accounts
  deletion KEY (--allow | --deny)
                                may key administrators delete the key?
  grants KEY                    the key's grants, with findings (deleted grantees, other accounts...)
  revoke-grant KEY GRANT_ID     revoke (or retire) one grant; its definition is saved first
  cancel-deletion KEY           cancel a scheduled key deletion
  rotation KEY (--enable [--period DAYS] | --disable)
                                turn automatic rotation of the key material on or off
  history KEY                   backups keypol took before each change
  restore KEY [BACKUP]          write a backup back (default: the newest)
  principals [--filter TEXT]    the account's IAM roles and users (what the access wizard offers)
  whoami                        caller identity, Region, profile, endpoint
  sandbox [--port N] ...        run the local KMS sandbox server (keypol sandbox --help)

Global flags:
  --profile NAME       AWS profile (default: AWS_PROFILE, then keypol's setting, then "default")
  --region REGION      AWS Region (default: AWS_REGION, AWS_DEFAULT_REGION, keypol's setting,
                       then the profile's region)
  --endpoint-url URL   KMS (and STS) endpoint (default: AWS_ENDPOINT_URL_KMS, AWS_ENDPOINT_URL)
  --timeout SECONDS    wait this long for a connection and for each answer (default:
                       KEYPOL_TIMEOUT, keypol's setting, then 15); a request that times out
                       is not repeated
  --sandbox            use the built-in sandbox account (no AWS credentials needed)
  --keys N             with --sandbox: add N generated keys (scale work; not persisted)
  --principals N       with --sandbox: add N generated IAM roles and users (scale work; not persisted)
  --read-only          never change anything (also KEYPOL_READ_ONLY=1)
  --json               machine-readable output (documented shapes, see README)
  --yes, -y            do not ask before writing (required without a terminal on stdin)
  --no-color           no colours (also NO_COLOR)
  --help, -h           help (for a command: keypol COMMAND --help)
  --version, -V        print the version

Credentials come from the AWS SDK's standard chain: environment, ~/.aws/credentials and
~/.aws/config (SSO, assume-role, credential_process), web identity, container and EC2
instance roles. Every change goes through one guarded path: validation and lockout check,
conflict check, backup (see keypol history), PutKeyPolicy, verification, audit log.

Exit codes: 0 ok (also when the policy already says what was asked: nothing is written);
1 API or runtime error (and for diff: the policies differ); 2 usage; 3 refused (validation,
lint, lockout, read-only, AWS managed); 4 conflict (the policy changed since it was read);
5 not confirmed.
`;
