package org.sacroguide.planning.selection;

/** Imaging that can confirm a sacral insufficiency fracture (Strub et al. 2007): MRI, CT or bone scan. */
public enum ImagingModality { MRI, CT, BONE_SCAN }
