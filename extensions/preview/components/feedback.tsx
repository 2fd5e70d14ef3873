import { str, tid, type P } from './props.js';

export function Alert(p: P) {
  return (
    <div className={`hs-alert ${str(p.variant, 'info')}`} role="alert" {...tid(p)}>
      <strong>{str(p.title)}</strong>
      {p.children ? <div className="hs-alert-body">{p.children}</div> : null}
    </div>
  );
}

export function EmptyState(p: P) {
  return (
    <div className="hs-empty" {...tid(p)}>
      <div className="hs-empty-art" aria-hidden>◎</div>
      <div><h3 className="hs-heading">{str(p.title, 'Nothing here yet')}</h3>{p.children}</div>
    </div>
  );
}

export function ErrorState(p: P) {
  return (
    <div className="hs-empty error" {...tid(p)}>
      <div className="hs-empty-art" aria-hidden>!</div>
      <div><h3 className="hs-heading">{str(p.title, 'Something went wrong')}</h3>{p.children}</div>
    </div>
  );
}

export function LoadingSpinner(p: P) {
  return <div className="hs-spinner" role="status" {...tid(p)}><span className="hs-spin" />{p.showLabel ? str(p.label) : <span className="sr">{str(p.label)}</span>}</div>;
}

export function ProgressBar(p: P) {
  const max = typeof p.maxValue === 'number' && p.maxValue > 0 ? p.maxValue : 100;
  const value = typeof p.value === 'number' ? Math.max(0, Math.min(max, p.value)) : 0;
  return (
    <div className={`hs-progress ${str(p.variant)}`} {...tid(p)}>
      {p.title ? <div className="hs-progress-title">{str(p.title)}</div> : null}
      <div className="hs-progress-track" role="progressbar" aria-valuenow={value} aria-valuemax={max}>
        <div className="hs-progress-fill" style={{ width: `${(100 * value) / max}%` }} />
      </div>
      {p.valueDescription ? <div className="hs-text micro">{str(p.valueDescription)}</div> : null}
    </div>
  );
}

export function StatusTag(p: P) {
  return <span className={`hs-status ${str(p.variant, 'default')}`} {...tid(p)}><span className="dot" />{p.children}</span>;
}

export function Tag(p: P) {
  return <span className={`hs-tag ${str(p.variant, 'default')}`} {...tid(p)}>{p.children}</span>;
}

/** The score in a ring: the arc shows the score out of 100. */
export function ScoreCircle(p: P) {
  const score = typeof p.score === 'number' ? p.score : 0;
  const c = 2 * Math.PI * 34;
  const filled = (Math.max(0, Math.min(100, score)) / 100) * c;
  return (
    <svg className="hs-score" width="88" height="88" viewBox="0 0 88 88" {...tid(p)} role="img" aria-label={`Score ${score}`}>
      <circle cx="44" cy="44" r="34" fill="none" stroke="#eaf0f6" strokeWidth="8" />
      {/* A round cap on an empty arc would draw a dot: at 0 there is no arc at all. */}
      {filled > 0 ? <circle cx="44" cy="44" r="34" fill="none" stroke="#0091ae" strokeWidth="8" strokeDasharray={`${filled} ${c}`} transform="rotate(-90 44 44)" strokeLinecap="round" /> : null}
      <text x="44" y="51" textAnchor="middle" fontSize="22" fontWeight="700" fill="#33475b">{score}</text>
    </svg>
  );
}

export function Statistics(p: P) {
  return <div className="hs-stats" {...tid(p)}>{p.children}</div>;
}

export function StatisticsItem(p: P) {
  return (
    <div className="hs-stat" {...tid(p)}>
      <div className="hs-stat-label">{str(p.label)}</div>
      <div className="hs-stat-number">{str(p.number)}</div>
      {p.children}
    </div>
  );
}

export function StatisticsTrend(p: P) {
  return <span className={`hs-trend ${str(p.direction)}`} {...tid(p)}>{p.direction === 'decrease' ? '▼' : '▲'} {str(p.value)}</span>;
}
