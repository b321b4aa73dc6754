import { Button, Group, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { ErrorAlert } from '../../error-alert';
import { graphql } from '../../gql';
import { can } from '../../permissions';
import { newIdempotencyKey } from '../../use-format';
import { useViewer } from '../../viewer';

const Accept = graphql(`mutation ConsoleAcceptOffer($id: ID!) { acceptOffer(applicationId: $id) { id status } }`);
const Sign = graphql(`mutation ConsoleSignContract($id: ID!, $name: String!, $hash: String!) { signContract(applicationId: $id, signerName: $name, documentHash: $hash) { id status } }`);
const Disburse = graphql(`mutation ConsoleDisburse($id: ID!, $key: String!) { disburseLoan(applicationId: $id, idempotencyKey: $key) { id } }`);

interface Props {
  application: { id: string; status: string; contract?: { sha256: string } | null };
  onDone: () => void;
}

/** The next step of an approved application, on the borrower's behalf in a branch: accept the offer, sign, pay out. */
export function ApplicationActions({ application: a, onDone }: Props) {
  const { t } = useTranslation();
  const { roles } = useViewer();
  const [signer, setSigner] = useState('');
  // One key per page visit: pressing "Disburse" twice pays out once.
  const [key] = useState(newIdempotencyKey);
  const [accepted, accept] = useMutation(Accept);
  const [signed, sign] = useMutation(Sign);
  const [disbursed, disburse] = useMutation(Disburse);
  const done = (r: { error?: unknown }) => { if (!r.error) onDone(); };
  return (
    <>
      <Group align="end">
        {a.status === 'OFFERED' && can(roles, 'Mutation', 'acceptOffer') && <Button loading={accepted.fetching} onClick={() => void accept({ id: a.id }).then(done)}>{t('applications.accept')}</Button>}
        {a.status === 'ACCEPTED' && a.contract && can(roles, 'Mutation', 'signContract') && (
          <>
            <TextInput label={t('contract.signerName')} value={signer} onChange={(e) => setSigner(e.currentTarget.value)} />
            <Button disabled={!signer} loading={signed.fetching} onClick={() => void sign({ id: a.id, name: signer, hash: a.contract!.sha256 }).then(done)}>{t('contract.sign')}</Button>
          </>
        )}
        {a.status === 'CONTRACT_SIGNED' && can(roles, 'Mutation', 'disburseLoan') && <Button color="green" loading={disbursed.fetching} onClick={() => void disburse({ id: a.id, key }).then(done)}>{t('applications.disburse')}</Button>}
      </Group>
      <ErrorAlert error={accepted.error ?? signed.error ?? disbursed.error} />
    </>
  );
}
