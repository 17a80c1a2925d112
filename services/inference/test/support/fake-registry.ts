/** The stand-in registry moved to @mlops/testing (the serving benchmark uses it too); kept here for the tests that import it. */
export { FakeRegistry } from '@mlops/testing';
