import { Route, Routes } from 'react-router';
import { ProductEditor } from './product-editor';
import { ProductList } from './product-list';
import { ProductReviser } from './product-reviser';
import { ProductVersions } from './product-versions';

/** Products: the list, a new product with its live schedule, a product's versions side by side, and its next version. */
export function ProductsPage() {
  return (
    <Routes>
      <Route index element={<ProductList />} />
      <Route path="new" element={<ProductEditor />} />
      <Route path=":id" element={<ProductVersions />} />
      <Route path=":id/revise" element={<ProductReviser />} />
    </Routes>
  );
}
