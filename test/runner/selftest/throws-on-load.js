// The test module itself throws while loading: the runner must exit 1.
throw new Error('this test module fails to load on purpose');
