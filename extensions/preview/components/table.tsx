import { str, tid, type P } from './props.js';

const align = (p: P) => ({ textAlign: (['left', 'center', 'right'].includes(str(p.align)) ? str(p.align) : undefined) as 'left' | 'center' | 'right' | undefined });

export const Table = (p: P) => <table className={`hs-table ${str(p.density)}`} {...tid(p)}>{p.children}</table>;
export const TableHead = (p: P) => <thead {...tid(p)}>{p.children}</thead>;
export const TableBody = (p: P) => <tbody {...tid(p)}>{p.children}</tbody>;
export const TableFooter = (p: P) => <tfoot {...tid(p)}>{p.children}</tfoot>;
export const TableRow = (p: P) => <tr {...tid(p)}>{p.children}</tr>;
export const TableHeader = (p: P) => <th style={align(p)} {...tid(p)}>{p.children}</th>;
export const TableCell = (p: P) => <td style={align(p)} colSpan={typeof p.colSpan === 'number' ? p.colSpan : undefined} {...tid(p)}>{p.children}</td>;
