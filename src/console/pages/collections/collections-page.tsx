import { Route, Routes } from 'react-router';
import { CaseDetail } from './case-detail';
import { CaseQueue } from './case-queue';

/** Collections: the collector's queue, a case's contacts, promises and settlement. */
export function CollectionsPage() {
  return (
    <Routes>
      <Route index element={<CaseQueue />} />
      <Route path=":id" element={<CaseDetail />} />
    </Routes>
  );
}
