import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { ShipmentCheckMutation, type Alert } from '../api/operations';
import { attention } from '../lib/attention';
import { fieldProblemsOf, messageOf } from '../lib/errors';
import { formatDateTime } from '../lib/format';
import { isTypingTarget, ScanDetector } from '../lib/scanner';
import { AckControls } from './AckControls';

type Method = 'TYPED' | 'SCANNER' | 'CAMERA';

interface Answer {
  trackingNumber: string;
  checkedAt: string;
  matches: Alert[];
}

/**
 * "Check a parcel": the clerk types the tracking number, or scans it with a USB scanner from anywhere on the
 * dashboard (a burst of keystrokes ended by Enter); `/` puts the cursor in the box. The answer fills the screen:
 * HOLD THIS ITEM with the alert's headline, instruction and the acknowledgement buttons, or no alert for the
 * number, with the time of the check.
 */
export function ParcelCheck({ branchId, canAcknowledge }: { branchId: string; canAcknowledge: boolean }) {
  const { t } = useTranslation();
  const [value, setValue] = useState('');
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [state, check] = useMutation(ShipmentCheckMutation);
  const input = useRef<HTMLInputElement>(null);
  const detector = useRef(new ScanDetector());
  const typedFast = useRef(false);
  const [cameraOpen, setCameraOpen] = useState(false);
  const answerRef = useRef<HTMLDivElement>(null);

  async function run(text: string, method: Method): Promise<void> {
    if (!text.trim() || state.fetching) return;
    setError(null);
    setAnswer(null);
    setCameraOpen(false);
    const result = await check({ trackingNumber: text, branchId, method });
    if (result.error || !result.data) {
      // A number the server refuses (not UPU S10, a wrong check digit) is said as the server says it, in the
      // user's language; anything else as one line.
      setError(result.error ? (fieldProblemsOf(t, result.error).trackingNumber ?? messageOf(t, result.error)) : '');
      return;
    }
    const found = result.data.shipmentCheck;
    setAnswer(found);
    requestAnimationFrame(() => answerRef.current?.scrollIntoView({ block: 'start', behavior: 'smooth' }));
    setValue('');
    if (found.matches.length > 0) attention.chime();
  }

  // A scanner types into whatever has the focus: a burst ended by Enter anywhere on the page (but in another
  // field) is a check. `/` moves the cursor to the box.
  useEffect(() => {
    function onKey(event: KeyboardEvent): void {
      if (event.target === input.current) {
        // In the box too: the Enter that ends a burst makes the check a scanner's.
        const scanned = detector.current.feed({ key: event.key, at: event.timeStamp });
        if (event.key === 'Enter') typedFast.current = scanned !== null;
        return;
      }
      if (event.key === 'Escape') {
        setCameraOpen(false);
        setAnswer(null);
      }
      if (isTypingTarget(event.target) || event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.key === '/' && !detector.current.scanning(event.timeStamp)) {
        event.preventDefault();
        input.current?.focus();
        return;
      }
      const scanned = detector.current.feed({ key: event.key, at: event.timeStamp });
      if (scanned) {
        event.preventDefault();
        void run(scanned, 'SCANNER');
      }
    }
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  });

  function submit(event: FormEvent): void {
    event.preventDefault();
    void run(value, typedFast.current ? 'SCANNER' : 'TYPED');
  }

  const hold = answer && answer.matches.length > 0;
  return (
    <section className="parcel-check" aria-labelledby="parcel-check-title">
      <h2 id="parcel-check-title" className="visually-hidden">
        {t('check.title')}
      </h2>
      <form onSubmit={submit} className="check-form">
        <label htmlFor="parcel-check-input">{t('check.label')}</label>
        <input
          id="parcel-check-input"
          ref={input}
          className="tracking-input"
          value={value}
          autoComplete="off"
          spellCheck={false}
          maxLength={64}
          placeholder={t('check.placeholder')}
          onChange={(e) => setValue(e.target.value)}
        />
        <button type="submit" className="primary" disabled={state.fetching}>
          {t('check.submit')}
        </button>
        <button type="button" aria-pressed={cameraOpen} onClick={() => setCameraOpen((open) => !open)}>
          {cameraOpen ? t('check.cameraClose') : t('check.camera')}
        </button>
      </form>
      {cameraOpen && <CameraPanel onCode={(text) => void run(text, 'CAMERA')} onError={(message) => { setCameraOpen(false); setError(message); }} />}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {answer && (
        <div ref={answerRef} className={hold ? 'check-answer hold' : 'check-answer clear'} role="alert" aria-live="assertive">
          {hold ? (
            <>
              <p className="verdict">{t('check.hold')}</p>
              <p className="tracking">{answer.trackingNumber}</p>
              {answer.matches.map((alert) => (
                <div key={alert.id} className="hold-alert">
                  <h3>{alert.headline}</h3>
                  {alert.instruction && <p className="instruction">{alert.instruction}</p>}
                  <AckControls
                    alert={alert}
                    branchId={branchId}
                    canAcknowledge={canAcknowledge}
                    onAcknowledged={(updated) => setAnswer((a) => a && { ...a, matches: a.matches.map((m) => (m.id === updated.id ? updated : m)) })}
                  />
                </div>
              ))}
            </>
          ) : (
            <p className="verdict">{t('check.clear', { trackingNumber: answer.trackingNumber, at: formatDateTime(answer.checkedAt) })}</p>
          )}
          <button type="button" onClick={() => setAnswer(null)}>
            {t('dashboard.close')}
          </button>
        </div>
      )}
    </section>
  );
}

/**
 * The camera's picture while it looks for a barcode. The reader (`lib/camera-scan`, with its WebAssembly) is
 * loaded when the panel opens; closing the panel closes the camera.
 */
function CameraPanel({ onCode, onError }: { onCode: (text: string) => void; onError: (message: string) => void }) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const handlers = useRef({ onCode, onError });
  handlers.current = { onCode, onError };

  useEffect(() => {
    let stop: (() => void) | null = null;
    let closed = false;
    import('../lib/camera-scan')
      .then(({ scanWithCamera }) => {
        if (closed || !video.current) return;
        stop = scanWithCamera(
          video.current,
          (text) => handlers.current.onCode(text),
          (fault) =>
            handlers.current.onError(
              fault.kind === 'denied' ? t('check.cameraDenied') : fault.kind === 'unavailable' ? t('check.cameraUnavailable') : t('check.cameraFailed', { message: fault.message }),
            ),
        );
      })
      .catch((error: unknown) => handlers.current.onError(t('check.cameraFailed', { message: error instanceof Error ? error.message : String(error) })));
    return () => {
      closed = true;
      stop?.();
    };
  }, [t]);

  return (
    <div className="camera-panel">
      <video ref={video} aria-label={t('check.cameraView')} muted playsInline />
      <p>{t('check.cameraHint')}</p>
    </div>
  );
}
