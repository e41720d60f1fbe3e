/**
 * Record a topic to a file; replay a file to a topic or straight through the models. Depends on stream and model.
 */
package io.streamcast.replay;
