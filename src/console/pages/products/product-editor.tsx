import { Alert, Button, Grid, NumberInput, Select, Stack, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMutation } from 'urql';
import { ErrorAlert } from '../../error-alert';
import { graphql } from '../../gql';
import { useViewer } from '../../viewer';
import { type ProductForm, newProductForm, previewInput, termsInput } from './product-form';
import { SampleLoanPreview } from './sample-loan-preview';

const Create = graphql(`
  mutation ConsoleCreateProduct($code: String!, $input: LoanProductTermsInput!) {
    createLoanProduct(code: $code, input: $input) { id code currentVersion }
  }
`);

const options = <T extends string>(...values: T[]) => values.map((value) => ({ value, label: value }));

/** A new product: its terms on the left, the schedule they give a sample loan on the right, as the user types. */
export function ProductEditor() {
  const { t } = useTranslation();
  const { tenant } = useViewer();
  const [form, setForm] = useState<ProductForm>(() => newProductForm(tenant.baseCurrency));
  const [{ data, error, fetching }, create] = useMutation(Create);
  const set = <K extends keyof ProductForm>(k: K, v: ProductForm[K]) => setForm((f) => ({ ...f, [k]: v }));
  const text = (k: 'code' | 'name' | 'currency' | 'amountMin' | 'amountMax' | 'annualRate' | 'upfrontFeeRate', label: string) => (
    <TextInput label={label} value={form[k]} onChange={(e) => set(k, e.currentTarget.value)} required inputMode={k === 'code' || k === 'name' || k === 'currency' ? 'text' : 'decimal'} />
  );
  const int = (k: 'termMin' | 'termMax' | 'decimals', label: string) => (
    <NumberInput label={label} value={form[k]} onChange={(v) => set(k, Number(v))} allowDecimal={false} min={0} required />
  );
  return (
    <Stack>
      <Title order={2}>{t('products.new')}</Title>
      <Grid>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <form data-testid="product-form" onSubmit={(e) => { e.preventDefault(); void create({ code: form.code, input: termsInput(form) }); }}>
            <Stack gap="xs">
              {text('code', t('products.code'))}
              {text('name', t('products.name'))}
              <Select label={t('products.segment')} data={options('CONSUMER', 'SMALL_BUSINESS', 'SOLE_PROPRIETOR', 'AGRICULTURE')} value={form.segment} onChange={(v) => v && set('segment', v as ProductForm['segment'])} allowDeselect={false} />
              {text('currency', t('products.currency'))}
              {text('amountMin', t('editor.amountMin'))}
              {text('amountMax', t('editor.amountMax'))}
              {int('termMin', t('editor.termMin'))}
              {int('termMax', t('editor.termMax'))}
              <Select label={t('editor.frequency')} data={options('MONTHLY', 'BIWEEKLY', 'WEEKLY', 'SEMI_MONTHLY', 'DAILY', 'QUARTERLY')} value={form.frequency} onChange={(v) => v && set('frequency', v as ProductForm['frequency'])} allowDeselect={false} />
              <Select label={t('editor.amortization')} data={options('EQUAL_INSTALLMENT', 'EQUAL_PRINCIPAL', 'FLAT', 'INTEREST_ONLY', 'BULLET')} value={form.amortization} onChange={(v) => v && set('amortization', v as ProductForm['amortization'])} allowDeselect={false} />
              <Select label={t('editor.dayCount')} data={options('ACTUAL_365', 'ACTUAL_360', 'ACTUAL_ACTUAL', 'THIRTY_360')} value={form.dayCount} onChange={(v) => v && set('dayCount', v as ProductForm['dayCount'])} allowDeselect={false} />
              {text('annualRate', t('editor.rate'))}
              {text('upfrontFeeRate', t('editor.upfrontFee'))}
              {int('decimals', t('editor.decimals'))}
              <ErrorAlert error={error} />
              {data && <Alert color="green">{t('editor.created', { code: data.createLoanProduct.code })} <Link to={`/products/${data.createLoanProduct.id}`}>{t('products.versions')}</Link></Alert>}
              <Button type="submit" loading={fetching}>{t('editor.create')}</Button>
            </Stack>
          </form>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <SampleLoanPreview inputFor={(sample, today) => previewInput(form, sample, today)} />
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
