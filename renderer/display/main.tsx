import { createRoot } from 'react-dom/client';
import { RecoveringBoundary } from '../shared/RecoveringBoundary.js';
import { VOICE_SETS } from './announce-clips.js';
import { DisplayApp, loadSettings } from './DisplayApp.js';
import { createWebAudioPlayer } from './web-audio-player.js';
import './display.css';

// One player for the page's life: the clips of the region's voice, decoded once.
const player = createWebAudioPlayer(`/audio/${VOICE_SETS[loadSettings().region].dir}/`);

createRoot(document.getElementById('root')!).render(
  <RecoveringBoundary>
    <DisplayApp player={player} />
  </RecoveringBoundary>,
);
