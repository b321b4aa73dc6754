import type { DataSource } from 'typeorm';

/**
 * The credential epoch, as SQL: a counter every announced change moves in its own transaction, so a
 * statement that reads it sees whether anything changed since a verdict was reached (see
 * CredentialCache), exactly as of that statement.
 */
export const CREDENTIAL_EPOCH_SQL = '(SELECT epoch FROM credential_epoch)::text';

export async function readCredentialEpoch(db: Pick<DataSource, 'query'>): Promise<string> {
  const [row] = (await db.query(`SELECT ${CREDENTIAL_EPOCH_SQL} AS epoch`)) as { epoch: string }[];
  return row.epoch;
}
