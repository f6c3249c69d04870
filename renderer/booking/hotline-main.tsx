import { createRoot } from 'react-dom/client';

createRoot(document.getElementById('root')!).render(<h1>MotCua – Tổng đài đặt lịch</h1>);
