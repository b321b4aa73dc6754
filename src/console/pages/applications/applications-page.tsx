import { Route, Routes } from 'react-router';
import { ApplicationDetail } from './application-detail';
import { ApplicationList } from './application-list';

/** Applications: the queue by stage and time-limit breach, an application's decision, votes, offer and contract. */
export function ApplicationsPage() {
  return (
    <Routes>
      <Route index element={<ApplicationList />} />
      <Route path=":id" element={<ApplicationDetail />} />
    </Routes>
  );
}
