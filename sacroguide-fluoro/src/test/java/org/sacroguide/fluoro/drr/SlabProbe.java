package org.sacroguide.fluoro.drr;

import org.sacroguide.fluoro.TestData;
import org.sacroguide.imaging.CtVolume;
import org.sacroguide.imaging.PatientPoint;
import org.sacroguide.imaging.nifti.NiftiReader;

public final class SlabProbe {
    public static void main(String[] a) throws Exception {
        CtVolume ct = NiftiReader.readCt(TestData.demo("ct.nii.gz")).resample(0.8, 0.8, 1.5);
        MuVolume mu = MuVolume.of(ct, AttenuationModel.PLASTIMATCH);
        PatientPoint iso = MaskCentroid.of(TestData.demo("sacrum.nii.gz"));
        for (String gt : a) {
            String[] p = gt.split(":");
            DrrGeometry g = DrrGeometry.of(Double.parseDouble(p[0]), Double.parseDouble(p[1]), 1000, 1500, 430, 430, 512, 512, iso);
            DrrRenderer.Rays rays = DrrRenderer.Rays.of(mu.grid(), g);
            Radiograph ex = DrrRenderer.exact(mu, rays);
            StringBuilder sb = new StringBuilder(gt);
            com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            for (int slab : new int[] {0}) {
                Radiograph f = DrrRenderer.sliceStack(mu, rays, slab);
                for (int rep = 0; rep < 10; rep++) {
                    f = DrrRenderer.sliceStack(mu, rays, slab);
                }
                long c0 = os.getProcessCpuTime();
                long t0 = System.nanoTime();
                for (int rep = 0; rep < 30; rep++) {
                    f = DrrRenderer.sliceStack(mu, rays, slab);
                }
                long t1 = System.nanoTime();
                long c1 = os.getProcessCpuTime();
                sb.append(String.format("  s%d %.6f %.1f ms wall %.1f ms cpu", slab, Radiograph.ncc(f.lineIntegrals(), ex.lineIntegrals()), (t1 - t0) / 30e6, (c1 - c0) / 30e6));
            }
            System.out.println(sb);
        }
    }
}
