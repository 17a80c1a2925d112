export { Broker, type BrokerOptions, type PublishOptions } from './broker.js';
export { Consumer, type ConsumerDefinition, type MessageContext, type MessageHandler } from './consumer.js';
export { PermanentMessageError, BrokerUnavailableError } from './errors.js';
export { ATTEMPT_HEADER, ERROR_HEADER } from './headers.js';
export { queueNames, type Topology, type QueueDeclaration, type QueueNames } from './topology.js';
