import { AppRoutes } from './app-routes.tsx';
import { AppProvider } from './provider.tsx';

export function App() {
  return (
    <AppProvider>
      <AppRoutes />
    </AppProvider>
  );
}
