package org.sacroguide.anatomy;

/** Sacral segments whose neural foramina SacroGuide models, cranial to caudal. */
public enum SacralLevel { S1, S2, S3, S4 }
