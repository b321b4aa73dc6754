import { Alert, Button, Grid, JsonInput, Stack, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { ErrorAlert } from '../../error-alert';
import { graphql } from '../../gql';
import type { SchedulePreviewInput } from '../../gql/graphql';
import { type SampleLoan, SampleLoanPreview } from './sample-loan-preview';
import { parseJson, withoutNulls } from '../../json';

const Current = graphql(`
  query ConsoleProductTerms($id: ID!) {
    loanProduct(id: $id) {
      id code currentVersion
      terms {
        name description segment currency amountMin amountMax termMin termMax frequencies amortization dayCount penaltyAnnualRate overpaymentPolicy
        graceOnInterestPeriods graceOnPrincipalPeriods allocationOrder
        rounding { decimals mode installmentMultipleOf }
        rateBands { grade annualRate feeDiscount }
        segmentOverrides { segment grade annualRate feeDiscount }
        fees { kind name chargeType amount rate treatment graceDays }
        delinquencyBuckets { name minDpd maxDpd }
        collateral { kind maxLtv }
        creditLine { limitMin limitMax validityMonths }
        accountMapping { role account }
      }
    }
  }
`);
const Revise = graphql(`
  mutation ConsoleReviseProduct($id: ID!, $input: LoanProductTermsInput!) { reviseLoanProduct(id: $id, input: $input) { id currentVersion } }
`);

const parse = (text: string) => (parseJson(text) ?? null) as Record<string, any> | null;

/** The schedule the edited terms give a sample loan (the first rate band's rate), or null while the JSON is not whole. */
function previewOf(terms: Record<string, any> | null, sample: SampleLoan, today: string): SchedulePreviewInput | null {
  if (!terms?.rateBands?.[0]?.annualRate || !/^\d+(\.\d+)?$/.test(sample.principal)) return null;
  return {
    principal: sample.principal, termCount: sample.termCount, annualInterestRate: terms.rateBands[0].annualRate, amortization: terms.amortization,
    frequency: terms.frequencies?.[0], dayCount: terms.dayCount, currency: terms.currency, disbursementDate: today, fees: terms.fees, rounding: terms.rounding,
    graceOnInterestPeriods: terms.graceOnInterestPeriods, graceOnPrincipalPeriods: terms.graceOnPrincipalPeriods,
  };
}

/**
 * A new version of a product: every term of the current version, edited as JSON so nothing the simple
 * form does not show is lost (rate bands, fees, buckets, mappings), previewed on a sample loan as it is
 * typed; the server refuses a version that can breach the cap, naming the field.
 */
export function ProductReviser() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [{ data, error }] = useQuery({ query: Current, variables: { id } });
  const [text, setText] = useState('');
  useEffect(() => { if (data) setText(JSON.stringify(withoutNulls(data.loanProduct.terms), null, 2)); }, [data]);
  const [saved, save] = useMutation(Revise);
  const p = data?.loanProduct;
  if (!p) return <ErrorAlert error={error} />;
  const terms = parse(text);
  return (
    <Stack>
      <Title order={2}>{t('editor.reviseTitle', { code: p.code, version: p.currentVersion + 1 })}</Title>
      <Grid>
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <form data-testid="revise-form" onSubmit={(e) => { e.preventDefault(); if (terms) void save({ id, input: terms as never }); }}>
            <Stack gap="xs">
              <JsonInput label={t('editor.terms')} value={text} onChange={setText} validationError={t('decisions.invalidJson')} autosize minRows={16} maxRows={40} />
              <ErrorAlert error={saved.error} />
              {saved.data && <Alert color="green">{t('editor.revised', { version: saved.data.reviseLoanProduct.currentVersion })} <Link to={`/products/${id}`}>{t('products.versions')}</Link></Alert>}
              <Button type="submit" loading={saved.fetching} disabled={!terms}>{t('editor.revise')}</Button>
            </Stack>
          </form>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <SampleLoanPreview inputFor={(sample, today) => previewOf(terms, sample, today)} />
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
