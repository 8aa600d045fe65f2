import { Navigate, Route, Routes } from 'react-router';
import { useSession } from './auth/session';
import { AppLayout } from './layout/app-layout';
import { ChannelScopeRoute } from './layout/channel-scope';
import { BrandPage } from './pages/brand/brand-page';
import { ApiKeysPage, ChannelsAdminPage, StaffAdminPage } from './pages/admin/admin-pages';
import { CatalogPage } from './pages/catalog/catalog-page';
import { ProductPage } from './pages/catalog/product-page';
import { HomePage } from './pages/home-page';
import { OrderPage } from './pages/orders/order-page';
import { OrdersPage } from './pages/orders/orders-page';
import { LoginPage } from './pages/login-page';
import { PricingPage } from './pages/pricing/pricing-page';
import { SyncPage } from './pages/sync/sync-page';
import { NotFoundOrNoAccess } from './ui/not-found';

export function App() {
  const { session } = useSession();
  if (!session) return <LoginPage />;
  return (
    <Routes>
      <Route element={<AppLayout />}>
        <Route index element={<HomePage />} />
        <Route path="channels/:code">
          <Route index element={<Navigate to="brand" replace />} />
          <Route path="brand" element={<ChannelScopeRoute children={<BrandPage />} />} />
          <Route path="catalog" element={<ChannelScopeRoute children={<CatalogPage />} />} />
          <Route path="catalog/:productId" element={<ChannelScopeRoute children={<ProductPage />} />} />
          <Route path="orders" element={<ChannelScopeRoute children={<OrdersPage />} />} />
          <Route path="orders/:number" element={<ChannelScopeRoute children={<OrderPage />} />} />
          <Route path="pricing" element={<ChannelScopeRoute children={<PricingPage />} />} />
          <Route path="*" element={<ChannelScopeRoute children={<NotFoundOrNoAccess />} />} />
        </Route>
        <Route path="sync" element={<SyncPage />} />
        <Route path="admin/channels" element={<ChannelsAdminPage />} />
        <Route path="admin/staff" element={<StaffAdminPage />} />
        <Route path="admin/api-keys" element={<ApiKeysPage />} />
        <Route path="*" element={<NotFoundOrNoAccess />} />
      </Route>
    </Routes>
  );
}
