import { createRoot } from 'react-dom/client';
import { RecoveringBoundary } from '../shared/RecoveringBoundary.js';
import { DisplayApp } from './DisplayApp.js';
import { createWebAudioPlayer } from './web-audio-player.js';
import './display.css';

// One player for the page's life: its clips are decoded once.
const player = createWebAudioPlayer('/audio/vi/');

createRoot(document.getElementById('root')!).render(
  <RecoveringBoundary>
    <DisplayApp player={player} />
  </RecoveringBoundary>,
);
