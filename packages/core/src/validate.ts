/**
 * Validation of notes against the JSON Schema, with ajv. The validators are compiled once, on
 * first use, and reused.
 */
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import type { Diagnostic } from './diagnostic.js'
import type { Note } from './model.js'
import { noteSchema, notesSchema } from './schema.js'

/** What {@link validateNotes} and {@link validateNote} return. */
export interface ValidationResult {
  /** Whether the value is valid. */
  valid: boolean
  /** One `error` diagnostic per violation, each with the JSON `pointer` of the offending value. */
  diagnostics: Diagnostic[]
}

interface Validators {
  note: ValidateFunction<Note>
  notes: ValidateFunction<Note[]>
}

let validators: Validators | undefined

function compile(): Validators {
  if (validators) return validators
  const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true })
  addFormats(ajv, ['date'])
  ajv.addSchema(noteSchema)
  validators = {
    note: ajv.compile<Note>(noteSchema),
    notes: ajv.compile<Note[]>(notesSchema),
  }
  return validators
}

/** Escapes one JSON pointer reference token (RFC 6901). */
function escapeToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1')
}

function toDiagnostic(error: ErrorObject): Diagnostic {
  let pointer = error.instancePath
  const params = error.params as Record<string, unknown>
  if (error.keyword === 'required' && typeof params.missingProperty === 'string') {
    pointer += `/${escapeToken(params.missingProperty)}`
  } else if (
    error.keyword === 'additionalProperties' &&
    typeof params.additionalProperty === 'string'
  ) {
    pointer += `/${escapeToken(params.additionalProperty)}`
  }
  let message = error.message ?? 'is invalid'
  if (error.keyword === 'additionalProperties') message = 'is not a property of the schema'
  if (error.keyword === 'required') message = 'is required'
  if (error.keyword === 'enum' || error.keyword === 'const') {
    const allowed = params.allowedValues ?? params.allowedValue
    message = `must be ${JSON.stringify(allowed)}`
  }
  return {
    code: `schema-${error.keyword}`,
    severity: 'error',
    message: `${pointer || '(root)'} ${message}`,
    pointer,
  }
}

function run<T>(validate: ValidateFunction<T>, value: unknown): ValidationResult {
  const valid = validate(value)
  return { valid, diagnostics: valid ? [] : (validate.errors ?? []).map(toDiagnostic) }
}

/**
 * Checks that `value` is a list of notes valid against {@link notesSchema}.
 *
 * @example
 * const { valid, diagnostics } = validateNotes(JSON.parse(text))
 * for (const d of diagnostics) console.log(d.pointer, d.message) // "/0/issueDate must match format "date""
 */
export function validateNotes(value: unknown): ValidationResult {
  return run(compile().notes, value)
}

/** Checks that `value` is one note valid against {@link noteSchema}. */
export function validateNote(value: unknown): ValidationResult {
  return run(compile().note, value)
}

/** Type guard form of {@link validateNote}. */
export function isNote(value: unknown): value is Note {
  return compile().note(value)
}
