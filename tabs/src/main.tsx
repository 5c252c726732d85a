import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClientProvider } from '@tanstack/react-query';
import { queryClient } from './data/resource';
import { mightBeInTeams, type Host } from './host/host';
import { Root } from './root';

async function start(): Promise<void> {
  let host: Host | null = null;
  if (mightBeInTeams()) {
    const { connectTeams } = await import('./host/teams-host');
    host = await connectTeams();
  }
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <Root host={host} />
      </QueryClientProvider>
    </StrictMode>,
  );
}

void start();
