// After booking: the code and the QR large, save-as-image, print, and the SMS text the citizen receives.
import { useEffect, useRef, useState } from 'react';
import { codeReadAloud, formatLongDate, spacedCode } from './booking-util.js';
import type { BookedSummary } from './BookingForm.js';
import { useLang, useT } from './i18n.js';
import { buildSmsText } from '../../src/shared/sms.js';

/** A picture that explains itself once saved in the phone's gallery: QR, code, time and place. */
async function composeTicketImage(qr: string, lines: string[]): Promise<string> {
  const image = new Image();
  image.src = qr;
  await image.decode();
  const width = 600;
  const qrSize = 520;
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = qrSize + 60 + lines.length * 44;
  const ctx = canvas.getContext('2d');
  if (!ctx) return qr;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(image, (width - qrSize) / 2, 20, qrSize, qrSize);
  ctx.fillStyle = '#000';
  ctx.textAlign = 'center';
  lines.forEach((line, index) => {
    ctx.font = index === 0 ? 'bold 40px sans-serif' : '26px sans-serif';
    ctx.fillText(line, width / 2, qrSize + 70 + index * 44, width - 20);
  });
  return canvas.toDataURL('image/png');
}

export function Confirmation(props: { summary: BookedSummary; readBack?: boolean; onNew: () => void }) {
  const { summary, readBack, onNew } = props;
  const { created, office } = summary;
  const t = useT();
  const lang = useLang();
  const [download, setDownload] = useState(created.qr);
  const titleRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => titleRef.current?.focus(), [created.code]);
  const when = `${created.slot} · ${formatLongDate(created.date, lang)}`;
  const sms = buildSmsText({ code: created.code, officeName: office.name, date: created.date, slot: created.slot, hotline: office.hotline });

  useEffect(() => {
    composeTicketImage(created.qr, [spacedCode(created.code), when, office.name])
      .then(setDownload)
      .catch(() => setDownload(created.qr));
  }, [created.qr, created.code, when, office.name]);

  return (
    <section className="confirmation" aria-labelledby="confirmed-title">
      <h2 id="confirmed-title" className="success" tabIndex={-1} ref={titleRef}>
        ✓ {t('confirmedTitle')}
      </h2>
      <div className="ticket">
        <p className="ticket-label">{t('bookingCode')}</p>
        <p className="code" data-code={created.code} aria-label={`${t('bookingCode')}: ${[...created.code].join(' ')}`}>
          {spacedCode(created.code)}
        </p>
        {readBack && (
          <p className="read-aloud">
            <strong>{t('readBack')}:</strong> {codeReadAloud(created.code)}
          </p>
        )}
        <img className="qr" src={created.qr} alt={t('qrAlt', { code: created.code })} width={280} height={280} />
        <p className="hint">{t('qrHelp')}</p>
        <dl className="facts">
          <dt>{t('when')}</dt>
          <dd>{when}</dd>
          <dt>{t('where')}</dt>
          <dd>
            {office.name}
            <br />
            <span className="hint">{office.address}</span>
          </dd>
          <dt>{t('procedure')}</dt>
          <dd>{summary.procedureName}</dd>
          <dt>{t('bookedFor')}</dt>
          <dd>{summary.fullName}</dd>
        </dl>
      </div>
      <div className="actions no-print">
        <a className="button primary" href={download} download={`lich-hen-${created.code}.png`}>
          {t('saveImage')}
        </a>
        <button type="button" className="button secondary" onClick={() => window.print()}>
          {t('print')}
        </button>
      </div>
      <div className="sms no-print">
        <p>{t('smsTitle', { phone: summary.phone })}</p>
        <p className="sms-text" data-sms>
          {sms}
        </p>
      </div>
      <button type="button" className="button secondary no-print" onClick={onNew}>
        {readBack ? t('newCall') : t('bookAnother')}
      </button>
    </section>
  );
}
