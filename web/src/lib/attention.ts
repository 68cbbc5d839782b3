import { useSyncExternalStore } from 'react';

/**
 * Getting a clerk's attention: a short chime (made with Web Audio, nothing downloaded) once the user enabled
 * sound with a click, since browsers block sound a page plays on its own, and desktop notifications once the
 * user allowed them.
 */

const SOUND_KEY = 'postwatch.sound';
let audio: AudioContext | null = null;
let soundWanted = localStorage.getItem(SOUND_KEY) === 'on';
const listeners = new Set<() => void>();
const notify = (): void => listeners.forEach((l) => l());

/** After a reload the browser wants a gesture again before sound plays: the first click or key resumes it. */
function resumeOnGesture(): void {
  const resume = (): void => {
    if (soundWanted) void ensureAudio();
    window.removeEventListener('pointerdown', resume);
    window.removeEventListener('keydown', resume);
  };
  window.addEventListener('pointerdown', resume);
  window.addEventListener('keydown', resume);
}
resumeOnGesture();

async function ensureAudio(): Promise<AudioContext> {
  audio ??= new AudioContext();
  if (audio.state === 'suspended') await audio.resume();
  notify();
  return audio;
}

/** Count of chimes played, for the page (and its tests) to show. */
let chimes = 0;

export const attention = {
  /** Turns sound on (call from a click): plays the chime once so the user hears what it sounds like. */
  async enableSound(): Promise<void> {
    soundWanted = true;
    localStorage.setItem(SOUND_KEY, 'on');
    await ensureAudio();
    this.chime();
  },
  soundEnabled: (): boolean => soundWanted && audio?.state === 'running',
  chimes: (): number => chimes,
  /** Two rising tones, 0.6 s in all. Does nothing until sound was enabled. */
  chime(): void {
    if (!soundWanted || !audio || audio.state !== 'running') return;
    const now = audio.currentTime;
    for (const [i, frequency] of [880, 1320].entries()) {
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      osc.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, now + i * 0.25);
      gain.gain.exponentialRampToValueAtTime(0.3, now + i * 0.25 + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, now + i * 0.25 + 0.3);
      osc.connect(gain).connect(audio.destination);
      osc.start(now + i * 0.25);
      osc.stop(now + i * 0.25 + 0.32);
    }
    chimes++;
    notify();
  },
  notificationPermission: (): NotificationPermission | 'unsupported' =>
    typeof Notification === 'undefined' ? 'unsupported' : Notification.permission,
  /** Asks the browser for desktop notifications (call from a click). */
  async enableNotifications(): Promise<void> {
    if (typeof Notification === 'undefined') return;
    await Notification.requestPermission();
    notify();
  },
  /** A desktop notification, when allowed; clicking it brings the tab forward. */
  desktop(title: string, body: string, tag: string): void {
    if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
    try {
      const notification = new Notification(title, { body, tag });
      notification.onclick = () => window.focus();
    } catch {
      // Some browsers only allow notifications from a service worker; the page still shows the alert.
    }
  },
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

/** Re-renders when sound or notification permission changes; returns a version number. */
export function useAttention(): number {
  return useSyncExternalStore(attention.subscribe, () => chimes * 10 + (attention.soundEnabled() ? 1 : 0) + (attention.notificationPermission() === 'granted' ? 2 : 0));
}
