package org.sacroguide.registry.stats;

import org.sacroguide.registry.model.SchedulePoint;

/**
 * Pain (VAS 0-10) at one schedule point: number of contacts with a score and their mean, and over the
 * patients who also have a baseline score, the mean change from baseline (negative: less pain).
 */
public record VasPoint(SchedulePoint point, int n, double mean, int pairedN, double meanChangeFromBaseline) {
}
