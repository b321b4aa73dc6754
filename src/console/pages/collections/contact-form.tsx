import { Button, Select, Stack, TextInput, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { ErrorAlert } from '../../error-alert';
import { graphql } from '../../gql';
import type { CollectionChannel, ContactDirection, ContactOutcome, ContactParty } from '../../gql/graphql';
import { CONTACT_DIRECTIONS, CONTACT_OUTCOMES, CONTACT_PARTIES, HUMAN_CHANNELS } from '../../enums';
import { can } from '../../permissions';
import { useViewer } from '../../viewer';

const Log = graphql(`
  mutation ConsoleLogContact($input: CollectionContactInput!) { logCollectionContact(input: $input) { id } }
`);

/**
 * A contact as it happened (or is about to: an outbound call is logged before dialling). The server
 * checks the conduct rules on the borrower's clock; a refusal says which rule and when it becomes allowed.
 */
export function ContactForm({ caseId, onLogged }: { caseId: string; onLogged: () => void }) {
  const { t } = useTranslation();
  const { roles } = useViewer();
  const [channel, setChannel] = useState<CollectionChannel>('CALL');
  const [direction, setDirection] = useState<ContactDirection>('OUTBOUND');
  const [party, setParty] = useState<ContactParty>('BORROWER');
  const [outcome, setOutcome] = useState<ContactOutcome | null>(null);
  const [note, setNote] = useState('');
  const [message, setMessage] = useState('');
  const [{ error, fetching }, log] = useMutation(Log);
  if (!can(roles, 'Mutation', 'logCollectionContact')) return null;
  const opts = <T extends string>(values: T[], prefix: string) => values.map((v) => ({ value: v, label: t(`${prefix}.${v}`, v) }));
  return (
    <form data-testid="contact-form" onSubmit={(e) => {
      e.preventDefault();
      void log({ input: { caseId, channel, direction, contactedParty: party, outcome, note: note || null, message: message || null } }).then((r) => {
        if (r.error) return;
        setNote('');
        setMessage('');
        onLogged();
      });
    }}>
      <Stack gap="xs">
        <Title order={3}>{t('contact.log')}</Title>
        <Select label={t('contact.channel')} data={opts(HUMAN_CHANNELS, 'channels')} value={channel} onChange={(v) => v && setChannel(v as CollectionChannel)} allowDeselect={false} />
        <Select label={t('contact.direction')} data={opts(CONTACT_DIRECTIONS, 'contact.directions')} value={direction} onChange={(v) => v && setDirection(v as ContactDirection)} allowDeselect={false} />
        <Select label={t('contact.party')} data={opts(CONTACT_PARTIES, 'contact.parties')} value={party} onChange={(v) => v && setParty(v as ContactParty)} allowDeselect={false} />
        <Select label={t('contact.outcome')} data={opts(CONTACT_OUTCOMES, 'contact.outcomes')} value={outcome} onChange={(v) => setOutcome(v as ContactOutcome | null)} clearable />
        <TextInput label={t('contact.message')} value={message} onChange={(e) => setMessage(e.currentTarget.value)} />
        <Textarea label={t('contact.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} minRows={2} />
        <ErrorAlert error={error} />
        <Button type="submit" loading={fetching}>{t('contact.submit')}</Button>
      </Stack>
    </form>
  );
}
