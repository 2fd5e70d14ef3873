import type { ComponentType } from 'react';
import { BarChart, LineChart } from './charts.js';
import { Accordion, Modal, ModalBody, ModalFooter, Tab, Tabs } from './disclosure.js';
import { Alert, EmptyState, ErrorState, LoadingSpinner, ProgressBar, ScoreCircle, Statistics, StatisticsItem, StatisticsTrend, StatusTag, Tag } from './feedback.js';
import { Button, ButtonRow, Input, LoadingButton, MultiSelect, NumberInput, Select, TextArea, Toggle } from './inputs.js';
import { Box, Divider, Flex, generic, Heading, Text, Tile } from './layout.js';
import type { P } from './props.js';
import { Table, TableBody, TableCell, TableFooter, TableHead, TableHeader, TableRow } from './table.js';

/** Every component @hubspot/ui-extensions 0.17 exports (index.d.ts): an unknown name would fail the host loudly. */
const ALL = [
  'Accordion', 'Alert', 'AutoGrid', 'BarChart', 'Box', 'Button', 'ButtonRow', 'Card', 'Checkbox', 'CurrencyInput', 'DateInput',
  'DescriptionList', 'DescriptionListItem', 'Divider', 'Dropdown', 'EmptyState', 'ErrorState', 'Flex', 'Form', 'Heading', 'Icon',
  'Illustration', 'Image', 'Inline', 'Input', 'LineChart', 'Link', 'List', 'LoadingButton', 'LoadingSpinner', 'Modal', 'ModalBody',
  'ModalFooter', 'MultiSelect', 'NumberInput', 'Panel', 'PanelBody', 'PanelFooter', 'PanelSection', 'ProgressBar', 'RadioButton',
  'ScoreCircle', 'SearchInput', 'Select', 'Spacer', 'Stack', 'Statistics', 'StatisticsItem', 'StatisticsTrend', 'StatusTag',
  'StepIndicator', 'StepperInput', 'Tab', 'Table', 'TableBody', 'TableCell', 'TableFooter', 'TableHead', 'TableHeader', 'TableRow',
  'Tabs', 'Tag', 'Text', 'TextArea', 'Textarea', 'Tile', 'TimeInput', 'Toggle', 'ToggleGroup', 'Tooltip',
] as const;

const DRAWN: Record<string, ComponentType<P>> = {
  Accordion, Alert, BarChart, Box, Button, ButtonRow, Divider, EmptyState, ErrorState, Flex, Heading, Input, LineChart, LoadingButton,
  LoadingSpinner, Modal, ModalBody, ModalFooter, MultiSelect, NumberInput, ProgressBar, ScoreCircle, Select, Statistics, StatisticsItem,
  StatisticsTrend, StatusTag, Tab, Table, TableBody, TableCell, TableFooter, TableHead, TableHeader, TableRow, Tabs, Tag, Text,
  TextArea, Textarea: TextArea, Tile, Toggle,
};

/** The host's drawing of each remote component name (the card and settings page use the drawn ones). */
export const components: Record<string, ComponentType<P>> = Object.fromEntries(ALL.map((name) => [name, DRAWN[name] ?? generic(name)]));
