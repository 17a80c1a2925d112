/* global db, print -- mongosh, which runs this file, provides them */
// Runs once, when the mongo data volume is initialised (docker-entrypoint-initdb.d), as the
// root user of MONGO_INITDB_ROOT_USERNAME. Creates one user per service, each limited to
// readWrite on its own database; the passwords come from the container's environment, so
// they never sit in this file. Changing a password later: db.changeUserPassword in mongosh.
const services = [
  { user: 'feature-store', db: process.env.FEATURE_STORE_MONGO_DB, password: process.env.FEATURE_STORE_MONGO_PASSWORD },
  { user: 'dl-trainer', db: process.env.DL_TRAINER_MONGO_DB, password: process.env.DL_TRAINER_MONGO_PASSWORD },
  { user: 'reporter', db: process.env.REPORTER_MONGO_DB, password: process.env.REPORTER_MONGO_PASSWORD },
  { user: 'inference', db: process.env.INFERENCE_MONGO_DB, password: process.env.INFERENCE_MONGO_PASSWORD },
];

for (const service of services) {
  if (!service.db || !service.password) {
    throw new Error(`mongo-init: the database name and password of ${service.user} must be set`);
  }
  const database = db.getSiblingDB(service.db);
  if (database.getUser(service.user)) continue;
  database.createUser({ user: service.user, pwd: service.password, roles: [{ role: 'readWrite', db: service.db }] });
  print(`mongo-init: user ${service.user} may read and write ${service.db} only`);
}
