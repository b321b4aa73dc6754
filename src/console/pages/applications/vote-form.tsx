import { Button, Group, SegmentedControl, Stack, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { ErrorAlert } from '../../error-alert';
import { graphql } from '../../gql';
import type { Vote } from '../../gql/graphql';
import { can } from '../../permissions';
import { useViewer } from '../../viewer';

const VoteMutation = graphql(`
  mutation ConsoleVote($id: ID!, $vote: Vote!, $comment: String!) {
    voteOnApplication(id: $id, vote: $vote, comment: $comment) { id status votes { id } }
  }
`);

/** An underwriter's vote on a referred application, always with a comment (it goes to the audit log). */
export function VoteForm({ applicationId, onVoted }: { applicationId: string; onVoted: () => void }) {
  const { t } = useTranslation();
  const { roles } = useViewer();
  const [vote, setVote] = useState<Vote>('APPROVE');
  const [comment, setComment] = useState('');
  const [{ error, fetching }, cast] = useMutation(VoteMutation);
  if (!can(roles, 'Mutation', 'voteOnApplication')) return null;
  return (
    <form onSubmit={(e) => { e.preventDefault(); void cast({ id: applicationId, vote, comment }).then((r) => { if (!r.error) { setComment(''); onVoted(); } }); }}>
      <Stack gap="xs" mt="sm">
        <SegmentedControl aria-label={t('votes.your')} data={[{ value: 'APPROVE', label: t('votes.APPROVE') }, { value: 'DECLINE', label: t('votes.DECLINE') }]} value={vote} onChange={(v) => setVote(v as Vote)} />
        <Textarea label={t('votes.comment')} value={comment} onChange={(e) => setComment(e.currentTarget.value)} required minRows={2} />
        <ErrorAlert error={error} />
        <Group><Button type="submit" loading={fetching}>{t('votes.cast')}</Button></Group>
      </Stack>
    </form>
  );
}
