package org.sacroguide.anatomy;

/**
 * Denis classification of sacral fractures by their relation to the foramina: zone I lateral to the
 * foramina (the ala), zone II through the foramina, zone III medial to them, into the central canal.
 */
public enum DenisZone { I, II, III }
