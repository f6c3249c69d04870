import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { HotlineApp } from './HotlineApp.js';
import './booking.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <HotlineApp />
  </StrictMode>,
);
