import { createRoot } from 'react-dom/client';

createRoot(document.getElementById('root')!).render(<h1>MotCua – Đặt lịch hẹn</h1>);
