import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BookingApp } from './BookingApp.js';
import './booking.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <BookingApp />
  </StrictMode>,
);
