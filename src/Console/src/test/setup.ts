import '@testing-library/jest-dom/vitest';
import { afterEach } from 'vitest';
import { cleanup, configure } from '@testing-library/react';

// findBy…/waitFor give up after this ceiling (1 s by default): a busy 2-core machine can be slower than that.
configure({ asyncUtilTimeout: 15_000 });

afterEach(() => cleanup());
