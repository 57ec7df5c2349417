declare module 'asl-validator' {
  interface AslError { 'Error code'?: string; Message?: string; message?: string }
  function validator(definition: unknown, options?: { checkPaths?: boolean; checkArn?: boolean }): { isValid: boolean; errors: AslError[]; errorsText(sep?: string): string };
  export = validator;
}
