/** The static types of data paths, for checking that a comparison fits what it compares. */
export type DataType =
  | { kind: 'string'; values?: readonly string[] }
  | { kind: 'number' | 'boolean' | 'date' | 'date_time' | 'string_list' | 'unknown' }
  | { kind: 'object'; fields: Record<string, DataType>; open?: boolean }
  | { kind: 'array'; item: DataType };

export const T = {
  string: { kind: 'string' } as DataType,
  enum: (values: readonly string[]): DataType => ({ kind: 'string', values }),
  number: { kind: 'number' } as DataType,
  boolean: { kind: 'boolean' } as DataType,
  date: { kind: 'date' } as DataType,
  dateTime: { kind: 'date_time' } as DataType,
  stringList: { kind: 'string_list' } as DataType,
  unknown: { kind: 'unknown' } as DataType,
  object: (fields: Record<string, DataType>, open = false): DataType => ({ kind: 'object', fields, open }),
  array: (item: DataType): DataType => ({ kind: 'array', item }),
};

/** Follows `.a.b[0]` segments through a type; unknown when the type does not say. */
export function typeAt(type: DataType, segments: readonly string[]): DataType | 'missing' {
  let current: DataType = type;
  for (const segment of segments) {
    const index = /^\[(\d+)\]$/.exec(segment);
    if (current.kind === 'unknown') return current;
    if (index) {
      if (current.kind === 'array') current = current.item;
      else if (current.kind === 'string_list') current = T.string;
      else return 'missing';
    } else if (current.kind === 'object') {
      const field = current.fields[segment];
      if (field) current = field;
      else if (current.open) return T.unknown;
      else return 'missing';
    } else return 'missing';
  }
  return current;
}

/** Splits `a.b[0].c` into ['a', 'b', '[0]', 'c']. */
export function splitPath(path: string): string[] {
  return path.match(/[A-Za-z0-9_]+|\[\d+\]/g) ?? [];
}
