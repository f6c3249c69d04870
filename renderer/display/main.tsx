import { createRoot } from 'react-dom/client';

createRoot(document.getElementById('root')!).render(<h1>MotCua – Màn hình phòng chờ</h1>);
