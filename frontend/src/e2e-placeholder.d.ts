// Keeps `tsc -p tsconfig.e2e.json` valid while e2e/ is still empty (TS18003: no inputs).
export {};
