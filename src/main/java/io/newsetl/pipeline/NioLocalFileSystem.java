package io.newsetl.pipeline;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsAction;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * Hadoop's {@code file:} file system with permissions read and set through {@code java.nio} instead of a child
 * process. Without Hadoop's native library (never bundled in a Spark jar), {@link RawLocalFileSystem} runs
 * {@code chmod} for every file and folder it creates and {@code ls -ld} for every listed file whose permission is
 * asked for (Spark's file index and {@code listFiles} ask for all of them): about 1,800 processes forked by the JVM
 * per 100,000-article run, each a few milliseconds. Everything else (checksums, renames, streams) is Hadoop's own.
 *
 * <p>Installed as {@code fs.file.impl} by {@link Sessions#apply} unless a setting of the user's names another class
 * ({@code spark.hadoop.fs.file.impl}); it only concerns local paths (local mode, shared disks), never HDFS or S3.
 *
 * <pre>{@code
 * conf.set("fs.file.impl", NioLocalFileSystem.class.getName());
 * new Path("file:///data/out").getFileSystem(conf).mkdirs(dir);   // no process forked
 * }</pre>
 */
public class NioLocalFileSystem extends LocalFileSystem {

    public static final String KEY = "fs.file.impl";

    public NioLocalFileSystem() {
        super(new Raw());
    }

    /** Sets {@code fs.file.impl} to this class unless the configuration names one already. */
    public static Configuration install(Configuration conf) {
        if (conf.get(KEY) == null) {
            conf.set(KEY, NioLocalFileSystem.class.getName());
        }
        return conf;
    }

    /** The raw (checksum-less) layer that {@link LocalFileSystem} wraps. */
    static final class Raw extends RawLocalFileSystem {

        @Override
        public void setPermission(Path p, FsPermission permission) throws IOException {
            java.nio.file.Path file = pathToFile(p).toPath();
            try {
                Files.setPosixFilePermissions(file, toPosix(permission));
            } catch (UnsupportedOperationException notPosix) {
                super.setPermission(p, permission);
            } catch (NoSuchFileException e) {
                throw new FileNotFoundException("File " + p + " does not exist");
            }
        }

        @Override
        public FileStatus getFileStatus(Path f) throws IOException {
            return withPermissions(super.getFileStatus(f));
        }

        @Override
        public FileStatus[] listStatus(Path f) throws IOException {
            FileStatus[] listed = super.listStatus(f);
            for (int i = 0; i < listed.length; i++) {
                listed[i] = withPermissions(listed[i]);
            }
            return listed;
        }

        /** The status with owner, group and permission from one {@code lstat}, not from a forked {@code ls}. */
        private FileStatus withPermissions(FileStatus s) throws IOException {
            PosixFileAttributes a;
            try {
                a = Files.readAttributes(pathToFile(s.getPath()).toPath(), PosixFileAttributes.class,
                        LinkOption.NOFOLLOW_LINKS);
            } catch (UnsupportedOperationException notPosix) {
                return s;
            } catch (NoSuchFileException e) {
                throw new FileNotFoundException("File " + s.getPath() + " does not exist");
            }
            return new FileStatus(s.getLen(), s.isDirectory(), s.getReplication(), s.getBlockSize(),
                    s.getModificationTime(), s.getAccessTime(), fromPosix(a.permissions()), a.owner().getName(),
                    a.group().getName(), s.getPath());
        }
    }

    static Set<PosixFilePermission> toPosix(FsPermission p) {
        Set<PosixFilePermission> out = EnumSet.noneOf(PosixFilePermission.class);
        add(out, p.getUserAction(), PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OWNER_EXECUTE);
        add(out, p.getGroupAction(), PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
                PosixFilePermission.GROUP_EXECUTE);
        add(out, p.getOtherAction(), PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE,
                PosixFilePermission.OTHERS_EXECUTE);
        return out;
    }

    static FsPermission fromPosix(Set<PosixFilePermission> s) {
        return new FsPermission(
                action(s, PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE),
                action(s, PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE),
                action(s, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE,
                        PosixFilePermission.OTHERS_EXECUTE));
    }

    private static void add(Set<PosixFilePermission> out, FsAction a, PosixFilePermission r, PosixFilePermission w,
            PosixFilePermission x) {
        if (a.implies(FsAction.READ)) {
            out.add(r);
        }
        if (a.implies(FsAction.WRITE)) {
            out.add(w);
        }
        if (a.implies(FsAction.EXECUTE)) {
            out.add(x);
        }
    }

    private static FsAction action(Set<PosixFilePermission> s, PosixFilePermission r, PosixFilePermission w,
            PosixFilePermission x) {
        FsAction a = FsAction.NONE;
        if (s.contains(r)) {
            a = a.or(FsAction.READ);
        }
        if (s.contains(w)) {
            a = a.or(FsAction.WRITE);
        }
        if (s.contains(x)) {
            a = a.or(FsAction.EXECUTE);
        }
        return a;
    }
}
