// Types of the boundary scanner's plain-JavaScript modules, for its spec.
declare module '*/prisma-schema.mjs' {
  export function readPrismaModels(schemaPath: string): Map<string, Map<string, string>>;
  export function delegateName(model: string): string;
}
declare module '*/scan.mjs' {
  export function scanSource(
    fileName: string,
    text: string,
    models: Map<string, Map<string, string>>,
  ): { model: string; access: 'read' | 'write'; line: number }[];
}
