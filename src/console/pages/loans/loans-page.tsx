import { Route, Routes } from 'react-router';
import { LoanDetail } from './loan-detail';
import { LoanList } from './loan-list';
import { StatementImport } from './statement-import';

/** Loans: search the book; a loan's schedule, transactions, journal and statement, and what a servicer does to it; bank statements imported. */
export function LoansPage() {
  return (
    <Routes>
      <Route index element={<LoanList />} />
      <Route path="import" element={<StatementImport />} />
      <Route path=":id" element={<LoanDetail />} />
    </Routes>
  );
}
