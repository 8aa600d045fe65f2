import { Navigate, Route, Routes } from 'react-router';
import { useSession } from './auth/session';
import { AppLayout } from './layout/app-layout';
import { ChannelScopeRoute } from './layout/channel-scope';
import { BrandPage } from './pages/brand/brand-page';
import { HomePage } from './pages/home-page';
import { LoginPage } from './pages/login-page';
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
          <Route path="*" element={<ChannelScopeRoute children={<NotFoundOrNoAccess />} />} />
        </Route>
        <Route path="sync" element={<SyncPage />} />
        <Route path="*" element={<NotFoundOrNoAccess />} />
      </Route>
    </Routes>
  );
}
