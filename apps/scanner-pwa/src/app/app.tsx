import { HomeScreen } from '../features/home/components/home-screen.tsx';
import { AppProvider } from './provider.tsx';

export function App() {
  return (
    <AppProvider>
      <HomeScreen />
    </AppProvider>
  );
}
