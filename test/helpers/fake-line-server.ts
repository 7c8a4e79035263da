export * from '../../src/dev/fake-line-server';
