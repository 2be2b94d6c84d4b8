package io.newsetl.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NioLocalFileSystemTest {

    @TempDir
    java.nio.file.Path dir;

    private FileSystem fs() throws Exception {
        Configuration conf = NioLocalFileSystem.install(new Configuration(false));
        conf.setBoolean("fs.file.impl.disable.cache", true);
        FileSystem fs = new Path(dir.toUri()).getFileSystem(conf);
        assertThat(fs).isInstanceOf(NioLocalFileSystem.class);
        return fs;
    }

    @Test
    void createsFoldersAndFilesWithTheRequestedPermissions() throws Exception {
        FileSystem fs = fs();
        Path sub = new Path(dir.toUri().toString(), "a/b");
        assertThat(fs.mkdirs(sub, new FsPermission((short) 0750))).isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("a/b"))))
                .isEqualTo("rwxr-x---");
        try (FSDataOutputStream out = fs.create(new Path(sub, "x.txt"))) {
            out.writeBytes("hello");
        }
        fs.setPermission(new Path(sub, "x.txt"), new FsPermission((short) 0640));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("a/b/x.txt"))))
                .isEqualTo("rw-r-----");
        // The checksum layer is Hadoop's own: a .crc beside the file.
        assertThat(Files.exists(dir.resolve("a/b/.x.txt.crc"))).isTrue();
    }

    @Test
    void listsWithPermissionsOwnerAndGroupReadByJavaNotByAProcess() throws Exception {
        FileSystem fs = fs();
        java.nio.file.Path file = Files.writeString(dir.resolve("f.txt"), "hello");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        FileStatus[] listed = fs.listStatus(new Path(dir.toUri()));
        assertThat(listed).hasSize(1);
        assertThat(listed[0].getLen()).isEqualTo(5);
        assertThat(listed[0].getPermission()).isEqualTo(new FsPermission((short) 0644));
        assertThat(listed[0].getOwner()).isEqualTo(Files.getOwner(file).getName());
        FileStatus single = fs.getFileStatus(new Path(file.toUri()));
        assertThat(single.getPermission()).isEqualTo(new FsPermission((short) 0644));
        assertThat(single.isFile()).isTrue();
        assertThat(fs.getFileStatus(new Path(dir.toUri())).isDirectory()).isTrue();
    }

    @Test
    void permissionsRoundTripForEveryMode() {
        for (short mode = 0; mode < 01000; mode++) {
            FsPermission p = new FsPermission(mode);
            assertThat(NioLocalFileSystem.fromPosix(NioLocalFileSystem.toPosix(p))).isEqualTo(p);
        }
    }
}
